using CaseManagement.Api.Cli;
using CaseManagement.Api.Platform.Hosting;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
builder.Services.AddCaseManagementCore(builder.Configuration);
builder.Services.AddCaseManagementWeb(builder.Configuration, builder.Environment);
// Webhook deliveries run in the background, off the request path (Features/Webhooks).
builder.Services.AddHttpClient(CaseManagement.Api.Features.Webhooks.Shared.WebhookDispatcher.HttpClientName);
builder.Services.AddHostedService<CaseManagement.Api.Features.Webhooks.Shared.WebhookDispatcher>();
// Deadlines falling due enter the change feed from a scan on the clock (Features/Deadlines).
builder.Services.AddHostedService<CaseManagement.Api.Features.Deadlines.Shared.DeadlineDueScanner>();

var app = builder.Build();
await app.Services.InitializeCaseManagementAsync(CancellationToken.None);
app.UseCaseManagement();
await app.RunAsync();
return 0;

public partial class Program;
