using System.Reflection;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Architecture;

/// <summary>The layout of DESIGN.md, kept by tests: a newcomer finds a use case in one folder.</summary>
public sealed class LayoutTests
{
    private static readonly Assembly Api = typeof(IEndpoint).Assembly;

    private static IEnumerable<Type> MessageTypes() =>
        Api.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(global::Mediator.IMessage).IsAssignableFrom(t));

    [Test]
    public void The_domain_references_nothing_but_the_runtime()
    {
        var references = typeof(Role).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references.Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib"), Is.Empty);
    }

    [Test]
    public void Platform_never_references_features()
    {
        var offenders = Directory.GetFiles(RepositoryPaths.Of("src", "CaseManagement.Api", "Platform"), "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("CaseManagement.Api.Features", StringComparison.Ordinal))
            .ToList();
        Assert.That(offenders, Is.Empty);
        var typeOffenders = Api.GetTypes()
            .Where(t => t.Namespace?.StartsWith("CaseManagement.Api.Platform", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.FieldType)
                .Concat(t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)))
            .Where(t => t.Namespace?.StartsWith("CaseManagement.Api.Features", StringComparison.Ordinal) == true)
            .ToList();
        Assert.That(typeOffenders, Is.Empty);
    }

    [Test]
    public void Every_message_declares_its_roles() =>
        Assert.That(MessageTypes().Where(t => t.GetCustomAttribute<AllowedRolesAttribute>() is null).Select(t => t.FullName), Is.Empty);

    [Test]
    public void Every_command_has_a_validator()
    {
        var validated = Api.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        var commands = MessageTypes().Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(global::Mediator.ICommand<>)));
        Assert.That(commands.Where(c => !validated.Contains(c)).Select(c => c.FullName), Is.Empty);
    }

    [Test]
    public void Every_use_case_is_one_folder_holding_its_message_and_its_endpoint()
    {
        var problems = new List<string>();
        foreach (var endpoint in Api.GetTypes().Where(t => typeof(IEndpoint).IsAssignableFrom(t) && t.IsClass))
        {
            var parts = endpoint.Namespace!.Split('.');
            if (parts.Length != 5 || parts[2] != "Features")
            {
                problems.Add($"{endpoint.FullName}: not in Features.<Area>.<UseCase>");
                continue;
            }
            var folder = RepositoryPaths.Of("src", "CaseManagement.Api", "Features", parts[3], parts[4]);
            if (!File.Exists(Path.Combine(folder, endpoint.Name + ".cs")))
            {
                problems.Add($"{endpoint.Name}.cs is not in Features/{parts[3]}/{parts[4]}/");
            }
            if (!File.Exists(Path.Combine(folder, parts[4] + ".cs")))
            {
                problems.Add($"Features/{parts[3]}/{parts[4]}/{parts[4]}.cs is missing");
            }
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Every_api_endpoint_requires_a_token_declares_roles_and_is_audited_unless_it_serves_reference_data()
    {
        using var factory = new ApiFactory();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        Assert.That(endpoints, Is.Not.Empty);
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var name = $"{string.Join(",", endpoint.Metadata.GetOrderedMetadata<HttpMethodMetadata>().SelectMany(m => m.HttpMethods))} {endpoint.RoutePattern.RawText}";
            if (endpoint.Metadata.GetMetadata<IAuthorizeData>() is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                problems.Add($"{name}: no token required");
            }
            if (endpoint.Metadata.GetMetadata<AllowedRolesAttribute>() is null)
            {
                problems.Add($"{name}: declares no roles");
            }
            var message = endpoint.Metadata.GetMetadata<MessageTypeMetadata>()?.MessageType;
            if (message is not null && !typeof(IReferenceQuery).IsAssignableFrom(message) && endpoint.Metadata.GetMetadata<AuditedAttribute>() is null)
            {
                problems.Add($"{name}: reads or changes case data but is not audited");
            }
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Every_problem_code_the_code_names_has_texts_in_both_languages()
    {
        var codes = Api.GetTypes().SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.DeclaringType!.Name.EndsWith("Codes", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.That(codes, Is.Not.Empty);
        Assert.That(codes.Where(c => !CaseManagement.Api.Platform.Errors.ProblemCatalog.IsKnown(c)), Is.Empty);
    }
}
