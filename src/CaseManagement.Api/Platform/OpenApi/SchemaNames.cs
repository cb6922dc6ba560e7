using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CaseManagement.Api.Platform.OpenApi;

/// <summary>
/// The document's schema names, one rule for all (README "Client developers"): an operation's request body is
/// <c>{operationId}Request</c>, an object inside a request body is its type's name (less <c>Body</c>) + <c>Request</c>;
/// a page is <c>PageOf{item}</c>; every other object (what the service answers) ends in <c>View</c>; an object both
/// sent and answered (the child's identity, a guardian) keeps its type's name, as do enums and <c>ProblemDetails</c>
/// (RFC 9457). Which types are requests is read from the endpoints' bodies, so a
/// new endpoint follows the rule without a list to keep.
/// </summary>
public sealed class SchemaNames(IApiDescriptionGroupCollectionProvider explorer)
{
    private const string RequestSuffix = "Request";
    private const string ViewSuffix = "View";
    private const string PagePrefix = "PageOf";

    private readonly Lazy<(Dictionary<Type, string> Bodies, HashSet<Type> Parts, HashSet<Type> Shared)> _requests = new(() => Requests(explorer));

    public string For(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum || type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
        {
            return Base(type);
        }
        if (PageItem(type) is { } item)
        {
            return PagePrefix + WithoutSuffix(For(item), ViewSuffix);
        }
        var (bodies, parts, shared) = _requests.Value;
        if (bodies.TryGetValue(type, out var operationId))
        {
            return operationId + RequestSuffix;
        }
        if (shared.Contains(type))
        {
            return Base(type);
        }
        if (parts.Contains(type))
        {
            return WithoutSuffix(Base(type), "Body") + RequestSuffix;
        }
        var name = Base(type);
        return name.EndsWith(ViewSuffix, StringComparison.Ordinal) ? name : name + ViewSuffix;
    }

    /// <summary>The item type of a page: <c>Page&lt;T&gt;</c>, or a type named …Page whose Items are a list of T.</summary>
    private static Type? PageItem(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Http.Page<>))
        {
            return type.GetGenericArguments()[0];
        }
        return type.Name.EndsWith("Page", StringComparison.Ordinal) && type.GetProperty("Items")?.PropertyType is { IsGenericType: true } items
            ? items.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The type's name, with its enclosing type for a nested one and its arguments for a generic one.</summary>
    private static string Base(Type type)
    {
        var name = type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GetGenericArguments().Select(Base))
            : type.Name;
        return type.DeclaringType is { } outer ? Base(outer) + name : name;
    }

    private static string WithoutSuffix(string name, string suffix) =>
        name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length ? name[..^suffix.Length] : name;

    /// <summary>
    /// Each endpoint's body type (by its operation, when it is the body of one operation only), every object inside
    /// one, and those of them that answers carry too (shared).
    /// </summary>
    private static (Dictionary<Type, string>, HashSet<Type>, HashSet<Type>) Requests(IApiDescriptionGroupCollectionProvider explorer)
    {
        var byType = new Dictionary<Type, HashSet<string>>();
        var answered = new HashSet<Type>();
        foreach (var description in explorer.ApiDescriptionGroups.Items.SelectMany(g => g.Items))
        {
            foreach (var response in description.SupportedResponseTypes.Where(r => r.Type is not null))
            {
                Reach(response.Type!, answered);
            }
            var operationId = description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
            foreach (var body in description.ParameterDescriptions.Where(p => p.Source == BindingSource.Body && p.Type is not null))
            {
                var type = Nullable.GetUnderlyingType(body.Type) ?? body.Type;
                if (!byType.TryGetValue(type, out var operations))
                {
                    byType[type] = operations = new HashSet<string>(StringComparer.Ordinal);
                }
                if (operationId is not null)
                {
                    operations.Add(operationId);
                }
            }
        }
        var bodies = byType.Where(b => b.Value.Count == 1).ToDictionary(b => b.Key, b => b.Value.Single());
        var parts = new HashSet<Type>();
        foreach (var type in byType.Keys)
        {
            Reach(type, parts);
        }
        parts.ExceptWith(bodies.Keys);
        return (bodies, parts, parts.Intersect(answered).ToHashSet());
    }

    private static void Reach(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            Reach(type.GetElementType()!, seen);
            return;
        }
        if (type.IsGenericType && type != typeof(string))
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Reach(argument, seen);
            }
            if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            {
                return;
            }
        }
        if (type.IsEnum || type.IsPrimitive || type.Assembly != typeof(SchemaNames).Assembly || type == typeof(JsonElement) || !seen.Add(type))
        {
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Reach(property.PropertyType, seen);
        }
    }
}
