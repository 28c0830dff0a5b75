using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Lotkeeper.Hosting;

/// <summary>The OpenAPI document <c>/openapi/v1.json</c>, which describes the native enforcement API only.</summary>
internal static class EnforcementOpenApi
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddEnforcementOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description =>
                description.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Lotkeeper enforcement API";
                document.Info.Version = LotkeeperApp.Version;
                document.Info.Description =
                    "Plate validity, zones, zone permit feeds and permit history. Send a token with the "
                    + "enforcement-read permission as 'Authorization: Bearer <token>'.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(AddClientParameter);
        });

    /// <summary>
    /// Declares the <c>{client}</c> path parameter, which the group's authentication filter reads, so no handler
    /// binds it and the generator would leave it out.
    /// </summary>
    private static Task AddClientParameter(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.All(parameter => parameter.Name != "client"))
        {
            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = "client",
                In = ParameterLocation.Path,
                Required = true,
                Description = "Client code, such as OC-TOMA; matched ignoring case and with _ read as -.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
