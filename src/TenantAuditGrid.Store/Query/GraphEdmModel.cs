using System.Xml.Linq;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// The EDM model <c>$filter</c>, <c>$orderby</c> and <c>$select</c> are parsed against: Microsoft's own directoryAudit schema
/// (the v1.0 CSDL subset embedded in this assembly), the beta securityAction type (not in v1.0, so declared here from its
/// beta reference), the one property our cross-tenant surface adds to both, <c>tenantId</c>, and an entity container so the
/// parser has entity sets to bind to.
/// </summary>
public static class GraphEdmModel
{
    public const string GraphNamespace = "microsoft.graph";
    public const string DirectoryAuditsSetName = "directoryAudits";
    public const string SecurityActionsSetName = "securityActions";
    public const string TenantIdProperty = "tenantId";

    private const string ResourceName = "graph-v1.0-subset.csdl.xml";
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";
    private static readonly Lazy<IEdmModel> LazyModel = new(Load);

    public static IEdmModel Model => LazyModel.Value;

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

        AddSecurityAction(schema);
        schema.Add(new XElement(Edm + "EntityContainer",
            new XAttribute("Name", "GraphService"),
            new XElement(Edm + "EntitySet",
                new XAttribute("Name", DirectoryAuditsSetName), new XAttribute("EntityType", $"{GraphNamespace}.directoryAudit")),
            new XElement(Edm + "EntitySet",
                new XAttribute("Name", SecurityActionsSetName), new XAttribute("EntityType", $"{GraphNamespace}.securityAction"))));
    }

    // securityAction is beta only (GRAPH-FACTS.md); its shape follows the beta reference: operationStatus, securityVendorInformation,
    // resultInfo, keyValuePair and securityActionState as Graph declares them.
    private static void AddSecurityAction(XElement schema)
    {
        static XElement Property(string name, string type, bool nullable = true) =>
            new(Edm + "Property", new XAttribute("Name", name), new XAttribute("Type", type), new XAttribute("Nullable", nullable ? "true" : "false"));

        static XElement Complex(string name, params XElement[] properties) =>
            new(Edm + "ComplexType", new XAttribute("Name", name), properties);

        schema.Add(
            new XElement(Edm + "EnumType", new XAttribute("Name", "operationStatus"),
                new[] { "NotStarted", "Running", "Completed", "Failed" }.Select((member, value) =>
                    new XElement(Edm + "Member", new XAttribute("Name", member), new XAttribute("Value", value)))),
            Complex("securityVendorInformation",
                Property("provider", "Edm.String"), Property("providerVersion", "Edm.String"),
                Property("subProvider", "Edm.String"), Property("vendor", "Edm.String")),
            Complex("resultInfo", Property("code", "Edm.Int32", nullable: false), Property("message", "Edm.String"), Property("subcode", "Edm.Int32")),
            Complex("keyValuePair", Property("name", "Edm.String", nullable: false), Property("value", "Edm.String")),
            Complex("securityActionState",
                Property("appId", "Edm.String"), Property("status", "graph.operationStatus"),
                Property("updatedDateTime", "Edm.DateTimeOffset"), Property("user", "Edm.String")),
            new XElement(Edm + "EntityType", new XAttribute("Name", "securityAction"), new XAttribute("BaseType", "graph.entity"),
                Property("actionReason", "Edm.String"), Property("appId", "Edm.String"), Property("azureTenantId", "Edm.String"),
                Property("clientContext", "Edm.String"), Property("completedDateTime", "Edm.DateTimeOffset"),
                Property("createdDateTime", "Edm.DateTimeOffset"), Property("errorInfo", "graph.resultInfo"),
                Property("lastActionDateTime", "Edm.DateTimeOffset"), Property("name", "Edm.String"),
                Property("parameters", "Collection(graph.keyValuePair)"), Property("states", "Collection(graph.securityActionState)"),
                Property("status", "graph.operationStatus"), Property("user", "Edm.String"),
                Property("vendorInformation", "graph.securityVendorInformation"),
                Property(TenantIdProperty, "Edm.String", nullable: false)));
    }
}
