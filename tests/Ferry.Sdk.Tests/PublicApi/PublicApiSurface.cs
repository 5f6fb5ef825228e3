using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ferry.Sdk.Tests.PublicApi;

/// <summary>
/// Lists the public surface of an assembly, one line per type and member, in the style of Roslyn's PublicAPI files
/// (<c>Ns.Type.Member(string! name, int count = 0) -> Ns.Result?</c>, <c>!</c> non-null, <c>?</c> nullable): every
/// public or protected type, constructor, method, operator, property accessor, field, event and enum member, with
/// modifiers that matter to callers and inheritors (static, abstract, virtual, override, sealed, const, readonly).
/// </summary>
internal static class PublicApiSurface
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short", [typeof(ushort)] = "ushort",
        [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(char)] = "char",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };

    public static SortedSet<string> Of(Assembly assembly)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var nullability = new NullabilityInfoContext();
        foreach (var type in VisibleTypes(assembly))
        {
            lines.Add(TypeModifiers(type) + Name(type));
            if (type.IsEnum)
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    lines.Add($"{Name(type)}.{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture)} -> {Name(type)}");
                }

                continue;
            }

            foreach (var member in type.GetMembers(Declared))
            {
                var line = member switch
                {
                    ConstructorInfo c when Visible(c) && !c.IsStatic => $"{Name(type)}.{SimpleName(type)}({Parameters(c, nullability)}) -> void",
                    MethodInfo m when Visible(m) && IsListedMethod(m) => Method(type, m, nullability),
                    FieldInfo f when Visible(f) && !f.IsSpecialName => Field(type, f, nullability),
                    EventInfo e when e.AddMethod is { } add && Visible(add) => $"{MethodModifiers(add)}{Name(type)}.{e.Name} -> {Format(e.EventHandlerType!, nullability.Create(e))}",
                    _ => null,
                };
                if (line is not null && !member.Name.Contains('<', StringComparison.Ordinal))
                {
                    lines.Add(line);
                }

                if (member is PropertyInfo property)
                {
                    foreach (var accessor in Accessors(type, property, nullability))
                    {
                        lines.Add(accessor);
                    }
                }
            }
        }

        return lines;
    }

    private static IEnumerable<Type> VisibleTypes(Assembly assembly)
    {
        var pending = new Queue<Type>(assembly.GetTypes().Where(t => t.IsPublic));
        while (pending.Count > 0)
        {
            var type = pending.Dequeue();
            yield return type;
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (nested.IsNestedPublic || nested.IsNestedFamily || nested.IsNestedFamORAssem)
                {
                    pending.Enqueue(nested);
                }
            }
        }
    }

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool Visible(FieldInfo field) => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly;

    private static bool IsListedMethod(MethodInfo method) =>
        !method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal);

    private static string Method(Type type, MethodInfo method, NullabilityInfoContext nullability)
    {
        var returns = Format(method.ReturnType, nullability.Create(method.ReturnParameter));
        var generic = method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;
        var name = method.Name switch
        {
            "op_Implicit" => $"implicit operator {returns}",
            "op_Explicit" => $"explicit operator {returns}",
            _ when method.IsSpecialName => "operator " + OperatorSymbol(method.Name),
            _ => method.Name,
        };
        return $"{MethodModifiers(method)}{Name(type)}.{name}{generic}({Parameters(method, nullability)}) -> {returns}";
    }

    private static IEnumerable<string> Accessors(Type type, PropertyInfo property, NullabilityInfoContext nullability)
    {
        var info = nullability.Create(property);
        var indexer = property.GetIndexParameters().Length > 0
            ? $"this[{string.Join(", ", property.GetIndexParameters().Select(p => Parameter(p, nullability)))}]"
            : property.Name;
        if (property.GetMethod is { } get && Visible(get))
        {
            yield return $"{MethodModifiers(get)}{Name(type)}.{indexer}.get -> {Format(property.PropertyType, info)}";
        }

        if (property.SetMethod is { } set && Visible(set))
        {
            var init = set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            yield return $"{MethodModifiers(set)}{Name(type)}.{indexer}.{(init ? "init" : "set")} -> void";
        }
    }

    private static string Field(Type type, FieldInfo field, NullabilityInfoContext nullability)
    {
        var fieldType = Format(field.FieldType, nullability.Create(field));
        if (field.IsLiteral)
        {
            return $"const {Name(type)}.{field.Name} = {Literal(field.GetRawConstantValue())} -> {fieldType}";
        }

        var modifiers = (field.IsStatic ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : string.Empty);
        return $"{modifiers}{Name(type)}.{field.Name} -> {fieldType}";
    }

    private static string TypeModifiers(Type type)
    {
        if (type.IsInterface || type.IsEnum || type.IsValueType || typeof(Delegate).IsAssignableFrom(type))
        {
            return string.Empty;
        }

        return type.IsAbstract && type.IsSealed ? "static "
            : type.IsAbstract ? "abstract "
            : type.IsSealed ? "sealed "
            : string.Empty;
    }

    private static string MethodModifiers(MethodInfo method)
    {
        if (method.IsStatic)
        {
            return "static ";
        }

        if (method.DeclaringType!.IsInterface)
        {
            return string.Empty;
        }

        if (method.IsAbstract)
        {
            return "abstract ";
        }

        if (!method.IsVirtual)
        {
            return string.Empty;
        }

        var overrides = method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        return overrides ? (method.IsFinal ? "sealed override " : "override ")
            : method.IsFinal ? string.Empty // an interface implementation, not overridable
            : "virtual ";
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p => Parameter(p, nullability)));

    private static string Parameter(ParameterInfo parameter, NullabilityInfoContext nullability)
    {
        var text = new StringBuilder();
        if (parameter.IsDefined(typeof(ParamArrayAttribute)))
        {
            text.Append("params ");
        }

        if (parameter.ParameterType.IsByRef)
        {
            text.Append(parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ");
        }

        text.Append(Format(parameter.ParameterType, nullability.Create(parameter))).Append(' ').Append(parameter.Name);
        if (parameter.HasDefaultValue)
        {
            var type = parameter.ParameterType;
            text.Append(" = ").Append(parameter.DefaultValue is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null
                ? $"default({Format(type, null)})"
                : Literal(parameter.DefaultValue, type));
        }

        return text.ToString();
    }

    private static string Literal(object? value, Type? type = null) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        char c => $"'{c}'",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
        _ when type is not null && (Nullable.GetUnderlyingType(type) ?? type).IsEnum => $"{Name(Nullable.GetUnderlyingType(type) ?? type)}.{Enum.GetName(Nullable.GetUnderlyingType(type) ?? type, value)}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A type as C# writes it, with nullability annotations from <paramref name="info"/>.</summary>
    private static string Format(Type type, NullabilityInfo? info)
    {
        if (type.IsByRef)
        {
            return Format(type.GetElementType()!, info?.ElementType ?? info);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Format(underlying, info?.GenericTypeArguments.FirstOrDefault()) + "?";
        }

        string text;
        if (type.IsArray)
        {
            text = Format(type.GetElementType()!, info?.ElementType) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }
        else if (type.IsGenericParameter)
        {
            text = type.Name;
        }
        else if (Keywords.TryGetValue(type, out var keyword))
        {
            text = keyword;
        }
        else if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            var argumentInfos = info?.GenericTypeArguments;
            var formatted = arguments.Select((a, i) => Format(a, argumentInfos is not null && i < argumentInfos.Length ? argumentInfos[i] : null));
            text = Name(definition, withTypeParameters: false) + "<" + string.Join(", ", formatted) + ">";
        }
        else
        {
            text = Name(type);
        }

        if (type.IsValueType || type == typeof(void))
        {
            return text;
        }

        return info?.ReadState switch
        {
            NullabilityState.Nullable => text + "?",
            NullabilityState.NotNull => text + "!",
            _ => text,
        };
    }

    /// <summary>The full name with '.' for nesting and without the generic arity suffix.</summary>
    private static string Name(Type type, bool withTypeParameters = true)
    {
        var name = withTypeParameters ? SimpleName(type) : BareName(type);
        if (type.IsNested)
        {
            return Name(type.DeclaringType!, withTypeParameters) + "." + name;
        }

        return string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name;
    }

    private static string BareName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    private static string SimpleName(Type type)
    {
        var name = BareName(type);
        if (type.IsGenericTypeDefinition)
        {
            var own = type.GetGenericArguments().Skip(type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0).Select(a => a.Name).ToArray();
            if (own.Length > 0)
            {
                name += "<" + string.Join(", ", own) + ">";
            }
        }

        return name;
    }

    private static string OperatorSymbol(string name) => name switch
    {
        "op_Equality" => "==", "op_Inequality" => "!=", "op_LessThan" => "<", "op_GreaterThan" => ">",
        "op_LessThanOrEqual" => "<=", "op_GreaterThanOrEqual" => ">=", "op_Addition" => "+", "op_Subtraction" => "-",
        "op_Multiply" => "*", "op_Division" => "/", "op_Modulus" => "%", "op_UnaryNegation" => "-", "op_UnaryPlus" => "+",
        "op_LogicalNot" => "!", "op_OnesComplement" => "~", "op_BitwiseAnd" => "&", "op_BitwiseOr" => "|",
        "op_ExclusiveOr" => "^", "op_True" => "true", "op_False" => "false", "op_Increment" => "++", "op_Decrement" => "--",
        "op_LeftShift" => "<<", "op_RightShift" => ">>", "op_UnsignedRightShift" => ">>>",
        _ => name,
    };
}
