using Microsoft.EntityFrameworkCore;

namespace ModelRegistry.GraphQL.Tests.Filtering.Fixture;

/// <summary>EF Core context of the test model, on a SQLite file.</summary>
public sealed class WidgetDbContext(DbContextOptions<WidgetDbContext> options) : DbContext(options)
{
    /// <summary>Widgets.</summary>
    public DbSet<Widget> Widgets => Set<Widget>();
    /// <summary>Makers.</summary>
    public DbSet<Maker> Makers => Set<Maker>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Widget>(widget =>
        {
            widget.HasOne(w => w.Maker).WithMany().HasForeignKey(w => w.MakerId);
            widget.HasOne(w => w.Parent).WithMany().HasForeignKey(w => w.ParentId);
            widget.HasMany(w => w.Parts).WithOne().HasForeignKey(p => p.WidgetId);
            widget.Property(w => w.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<Maker>().Property(m => m.Id).ValueGeneratedNever();
        modelBuilder.Entity<Part>().Property(p => p.Id).ValueGeneratedNever();
    }
}
