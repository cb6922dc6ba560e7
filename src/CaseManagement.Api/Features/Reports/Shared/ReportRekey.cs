using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Features.Reports.Shared;

/// <summary>
/// The `rekey` command's part for reports: re-encrypts each report's child identity and reporter contact written
/// under an older key with the current one, in batches (each its own transaction), logging every report it decrypted
/// (report.identity.rekey). A value that does not decrypt stops the run loudly.
/// </summary>
public sealed class ReportRekey(DbConnectionFactory connections, IdentityProtector protector)
{
    public const string CountRemaining = "SELECT COUNT(*) FROM reports WHERE protected_key_id <> @Current";

    public const string Rewrite = """
        UPDATE reports SET child_ciphertext = @Child, contact_ciphertext = @Contact, protected_key_id = @Current
        WHERE id = @Id AND protected_key_id = @OldKeyId
        """;

    public const string Action = "report.identity.rekey";

    public static string SelectBatch(SqlDialect dialect) =>
        $"SELECT id AS Id, case_id AS CaseId, protected_key_id AS KeyId, child_ciphertext AS Child, contact_ciphertext AS Contact FROM reports WHERE protected_key_id <> @Current ORDER BY id {dialect.Limit("Batch")}";

    public async Task<RekeyResult> RunAsync(int batchSize, int? maxBatches, CancellationToken ct)
    {
        var current = protector.CurrentKeyId;
        return await RekeyBatches.RunAsync<Row>(connections, current, SelectBatch, CountRemaining, batchSize, maxBatches,
            async (session, row, correlation) =>
            {
                var child = protector.Encrypt(row.Id, ReportProtection.ChildField, protector.Decrypt(row.Id, ReportProtection.ChildField, row.Child));
                var contact = protector.Encrypt(row.Id, ReportProtection.ContactField, protector.Decrypt(row.Id, ReportProtection.ContactField, row.Contact));
                var n = await session.ExecuteAsync(Rewrite, new { Child = child, Contact = contact, Current = current, row.Id, OldKeyId = row.KeyId }, ct);
                await AccessLogWriter.AppendAsync(session, new AccessLogEntry(
                    At: DateTimeOffset.UtcNow, ActorId: "cli:" + Environment.UserName, ActorRole: null, ActorUnit: null, Action: Action,
                    ResourceType: "report", ResourceId: row.Id.ToString("D"), VictimId: null, Purpose: null, Outcome: AccessOutcome.Allowed,
                    StatusCode: 200, ClientIp: null, CorrelationId: correlation, CaseIds: row.CaseId is { } caseId ? [caseId] : []), ct);
                return n;
            }, ct);
    }

    public sealed class Row
    {
        public Guid Id { get; init; }
        public Guid? CaseId { get; init; }
        public string KeyId { get; init; } = "";
        public byte[] Child { get; init; } = [];
        public byte[] Contact { get; init; } = [];
    }
}
