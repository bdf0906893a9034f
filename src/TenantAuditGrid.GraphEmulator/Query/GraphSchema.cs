using System.Xml;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>The EDM model of the Graph types the emulator serves, loaded from the embedded CSDL subset.</summary>
internal static class GraphSchema
{
    public const string ResourceName = "graph-v1.0-subset.csdl.xml";

    private static readonly Lazy<IEdmModel> LazyModel = new(Load);

    public static IEdmModel Model => LazyModel.Value;

    public static IEdmEntityType DirectoryAudit => (IEdmEntityType)Model.FindDeclaredType("microsoft.graph.directoryAudit")!;

    public static string Csdl()
    {
        using var stream = OpenResource();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IEdmModel Load()
    {
        using var stream = OpenResource();
        using var xml = XmlReader.Create(stream);
        return CsdlReader.Parse(xml);
    }

    private static Stream OpenResource() =>
        typeof(GraphSchema).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the emulator assembly.");
}
