using System.Reflection;
using System.Reflection.Emit;
using AdminPortal.Core.Integrations;

namespace AdminPortal.Core.Tests.Integrations;

/// <summary>Exports depend on Integrations, never the reverse: read from the compiled types, their signatures and their method bodies.</summary>
public sealed class FeatureDirectionTests
{
    private const string IntegrationsNamespace = "AdminPortal.Core.Integrations";
    private const string ExportsNamespace = "AdminPortal.Core.Exports";

    [Fact]
    public void Integrations_never_name_an_Exports_type()
    {
        var wrong = ReferencesFrom(IntegrationsNamespace).Where(r => InNamespace(r.To, ExportsNamespace)).Select(r => $"{r.From} -> {r.To}").Distinct();

        Assert.Empty(wrong);
    }

    [Fact]
    public void Exports_handle_the_integration_events_through_the_Integrations_port()
    {
        // The reading above sees references where they are: the allowed direction is found.
        Assert.Contains(ReferencesFrom(ExportsNamespace), r => r.To == "AdminPortal.Core.Integrations.Events.IIntegrationEventHandler`1");
    }

    private static bool InNamespace(string typeName, string ns) => typeName.StartsWith(ns + ".", StringComparison.Ordinal);

    private static List<(string From, string To)> ReferencesFrom(string ns)
    {
        var assembly = typeof(StorageIntegration).Assembly;
        var found = new List<(string, string)>();
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal))))
        {
            foreach (var referenced in Referenced(type))
            {
                foreach (var named in Expand(referenced))
                {
                    found.Add((type.FullName!, named.IsGenericType ? named.GetGenericTypeDefinition().FullName ?? named.Name : named.FullName ?? named.Name));
                }
            }
        }

        return found;
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var f in type.GetFields(all))
        {
            yield return f.FieldType;
        }

        foreach (var p in type.GetProperties(all))
        {
            yield return p.PropertyType;
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo m)
            {
                yield return m.ReturnType;
            }

            foreach (var p in method.GetParameters())
            {
                yield return p.ParameterType;
            }

            foreach (var t in BodyReferences(method))
            {
                yield return t;
            }
        }
    }

    /// <summary>The types a method body names: what it calls, creates, reads, casts to.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }

        var types = new List<Type>();
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var op = il[at] == 0xFE ? TwoByte[il[at + 1]] : OneByte[il[at]];
            at += op.Size;
            var operand = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArgs, methodArgs);
                switch (member)
                {
                    case Type t:
                        types.Add(t);
                        break;
                    case MethodInfo m:
                        types.Add(m.DeclaringType!);
                        types.Add(m.ReturnType);
                        types.AddRange(m.IsGenericMethod ? m.GetGenericArguments() : []);
                        break;
                    case { DeclaringType: { } declaring }:
                        types.Add(declaring);
                        break;
                }
            }

            at += operand;
        }

        return types;
    }

    /// <summary>A type with its generic arguments and element types, each as its own reference.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!))
            {
                yield return t;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var t in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return t;
            }
        }
    }

    private static readonly Dictionary<byte, OpCode> OneByte = OpCodesBy(size: 1);
    private static readonly Dictionary<byte, OpCode> TwoByte = OpCodesBy(size: 2);

    private static Dictionary<byte, OpCode> OpCodesBy(int size) => typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .Where(o => o.Size == size)
        .ToDictionary(o => (byte)(o.Value & 0xFF));
}
