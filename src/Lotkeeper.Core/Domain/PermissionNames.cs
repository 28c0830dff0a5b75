namespace Lotkeeper.Domain;

/// <summary>Wire names of <see cref="Permissions"/>: <c>permit-create</c>, <c>enforcement-read</c> and so on.</summary>
public static class PermissionNames
{
    private static readonly (Permissions Flag, string Name)[] Names =
    [
        (Permissions.PermitCreate, "permit-create"),
        (Permissions.PermitUpdate, "permit-update"),
        (Permissions.PermitDelete, "permit-delete"),
        (Permissions.PermitStats, "permit-stats"),
        (Permissions.PlateValidate, "plate-validate"),
        (Permissions.EnforcementRead, "enforcement-read"),
    ];

    /// <summary>Every permission name, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(entry => entry.Name)];

    /// <summary>Formats <paramref name="permissions"/> as a comma-separated list of names.</summary>
    public static string Format(Permissions permissions) =>
        string.Join(',', Names.Where(entry => permissions.HasFlag(entry.Flag)).Select(entry => entry.Name));

    /// <summary>
    /// Parses a comma-separated list of names (or <c>all</c>), ignoring case and spaces around names.
    /// </summary>
    /// <exception cref="FormatException">A name is not a permission.</exception>
    public static Permissions Parse(string text)
    {
        var result = Permissions.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                result |= Permissions.All;
                continue;
            }

            var match = Array.FindIndex(Names, entry => entry.Name.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (match < 0)
            {
                throw new FormatException(
                    $"'{part}' is not a permission. Use 'all' or any of: {string.Join(", ", All)}.");
            }

            result |= Names[match].Flag;
        }

        return result;
    }
}
