using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using AdminPortal.Core.Exports;

namespace AdminPortal.Core.Tests.Architecture;

/// <summary>Core names no cloud SDK: the SDKs are CloudStorage's, behind its provider interface.</summary>
public sealed class CoreBoundaryTests
{
    private static readonly string[] CloudNamespaces = ["Amazon", "Azure", "Google"];
    private static readonly string[] CloudAssemblies = ["AWSSDK", "Azure", "Google"];

    [Fact]
    public void Core_names_no_type_of_a_cloud_SDK()
    {
        using var file = File.OpenRead(typeof(ExportEngine).Assembly.Location);
        using var pe = new PEReader(file);
        var metadata = pe.GetMetadataReader();

        // Every type Core's IL or signatures use from another assembly is a TypeReference, whatever the call that needs it.
        var cloudTypes = metadata.TypeReferences
            .Select(handle => FullName(metadata, handle))
            .Where(name => CloudNamespaces.Any(ns => name.StartsWith(ns + ".", StringComparison.Ordinal)))
            .Order()
            .ToList();
        var cloudAssemblies = metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .Where(name => CloudAssemblies.Any(prefix => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal)))
            .ToList();

        Assert.True(cloudTypes.Count == 0, "AdminPortal.Core names cloud SDK types (keep them in AdminPortal.CloudStorage): " + string.Join(", ", cloudTypes));
        Assert.True(cloudAssemblies.Count == 0, "AdminPortal.Core references cloud SDK assemblies: " + string.Join(", ", cloudAssemblies));
    }

    /// <summary>Namespace.Name; a nested type takes its enclosing type's namespace (its own is empty in the metadata).</summary>
    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName(metadata, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        }

        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
