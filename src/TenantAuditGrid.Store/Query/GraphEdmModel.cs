using System.Xml.Linq;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// The EDM model <c>$filter</c>, <c>$orderby</c> and <c>$select</c> are parsed against: Microsoft's own directoryAudit schema
/// (the CSDL subset embedded in this assembly), plus the one property our cross-tenant surface adds, <c>tenantId</c>,
/// and an entity container so the parser has an entity set to bind to.
/// </summary>
public static class GraphEdmModel
{
    public const string GraphNamespace = "microsoft.graph";
    public const string DirectoryAuditsSetName = "directoryAudits";
    public const string TenantIdProperty = "tenantId";

    private const string ResourceName = "graph-v1.0-subset.csdl.xml";
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";
    private static readonly Lazy<IEdmModel> LazyModel = new(Load);

    public static IEdmModel Model => LazyModel.Value;

    public static IEdmEntityType DirectoryAudit =>
        (IEdmEntityType)Model.FindDeclaredType($"{GraphNamespace}.directoryAudit")!;

    public static IEdmEntitySet DirectoryAudits => Model.EntityContainer.FindEntitySet(DirectoryAuditsSetName);

    private static IEdmModel Load()
    {
        using var stream = typeof(GraphEdmModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded Graph schema '{ResourceName}' is missing from the Store assembly.");
        var document = XDocument.Load(stream);
        Extend(document);

        using var reader = document.CreateReader();
        if (!CsdlReader.TryParse(reader, out var model, out var errors))
        {
            throw new InvalidOperationException("The Graph schema does not parse: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
        }

        if (!model.Validate(out IEnumerable<EdmError> validationErrors) && validationErrors.Any())
        {
            throw new InvalidOperationException("The Graph schema is invalid: " + string.Join("; ", validationErrors.Select(e => e.ErrorMessage)));
        }

        return model;
    }

    // Extending the XML before parsing keeps the result one ordinary model: a derived type would make every
    // filter path and every @odata.context mention a type Graph does not have.
    private static void Extend(XDocument document)
    {
        var schema = document.Descendants(Edm + "Schema").Single(s => (string?)s.Attribute("Namespace") == GraphNamespace);
        var directoryAudit = schema.Elements(Edm + "EntityType").Single(e => (string?)e.Attribute("Name") == "directoryAudit");
        directoryAudit.Add(new XElement(Edm + "Property",
            new XAttribute("Name", TenantIdProperty), new XAttribute("Type", "Edm.String"), new XAttribute("Nullable", "false")));

        // The subset refers to graph.Json (userActivity's free-form content) without declaring it; Graph declares it as an open complex type.
        if (!schema.Elements().Any(e => (string?)e.Attribute("Name") == "Json"))
        {
            schema.Add(new XElement(Edm + "ComplexType", new XAttribute("Name", "Json"), new XAttribute("OpenType", "true")));
        }

        schema.Add(new XElement(Edm + "EntityContainer",
            new XAttribute("Name", "GraphService"),
            new XElement(Edm + "EntitySet",
                new XAttribute("Name", DirectoryAuditsSetName), new XAttribute("EntityType", $"{GraphNamespace}.directoryAudit"))));
    }
}
