using System.Globalization;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Turns a parsed GraphQL value into the CLR type of the member it is compared with.</summary>
internal sealed class FilterValueConverter(Type memberType, string? idTypeName = null)
{
    private readonly Type _target = Nullable.GetUnderlyingType(memberType) ?? memberType;

    public object Convert(object value)
    {
        if (idTypeName is not null)
            value = GlobalId.DecodeLong(System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", idTypeName);
        if (_target.IsEnum)
            return value.GetType() == _target ? value : Enum.ToObject(_target, value);
        if (_target == typeof(DateTime))
            return ToUtc(value);
        if (_target.IsInstanceOfType(value))
            return value;
        try
        {
            return System.Convert.ChangeType(value, _target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException or FormatException)
        {
            throw FilterErrors.InvalidArgument($"'{value}' is not a valid {_target.Name} here.");
        }
    }

    // The DateTime scalar is UTC; stored timestamps are UTC, and Npgsql refuses non-UTC values for timestamptz.
    private static DateTime ToUtc(object value) => value switch
    {
        DateTime { Kind: DateTimeKind.Utc } utc => utc,
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        DateTime unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        DateTimeOffset offset => offset.UtcDateTime,
        _ => throw FilterErrors.InvalidArgument($"'{value}' is not a DateTime."),
    };
}
