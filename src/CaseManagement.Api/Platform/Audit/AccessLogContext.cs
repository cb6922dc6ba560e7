namespace CaseManagement.Api.Platform.Audit;

/// <summary>Marks an endpoint whose every request, allowed or denied, is written to the access log.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AuditedAttribute(string action, string resourceType, int successStatus = StatusCodes.Status200OK) : Attribute
{
    public string Action { get; } = action;

    public string ResourceType { get; } = resourceType;

    public int SuccessStatus { get; } = successStatus;
}

/// <summary>A message about one case: its id is logged as asked for, whether or not the answer is allowed.</summary>
public interface ICaseMessage
{
    Guid CaseId { get; }
}

/// <summary>
/// What the current request's access-log entry will say. The endpoint's metadata names the action; handlers add
/// the case ids their response contains, the victim and the purpose.
/// </summary>
public sealed class AccessLogContext
{
    /// <summary>
    /// The most case ids one answer names: a page of cases or deadlines holds at most Paging.MaxLimit (500); the victim
    /// view names its own case, at most 500 linked cases and the cases of at most 500 existing recordings. An entry
    /// never drops an id, so adding more is a fault of the handler, refused here rather than logged incompletely.
    /// </summary>
    public const int MaxCaseIds = 2 * Http.Paging.MaxLimit + 1;

    private readonly HashSet<Guid> _caseIds = [];

    public AuditedAttribute? Audited { get; private set; }

    public string? ResourceId { get; set; }

    public Guid? VictimId { get; set; }

    public string? Purpose { get; set; }

    /// <summary>Set once the entry has been written (in the request's transaction or in its own).</summary>
    public bool Written { get; set; }

    public IReadOnlyCollection<Guid> CaseIds => _caseIds;

    public void Begin(AuditedAttribute audited) => Audited = audited;

    public void AddCase(Guid caseId)
    {
        if (_caseIds.Add(caseId) && _caseIds.Count > MaxCaseIds)
        {
            _caseIds.Remove(caseId);
            throw new InvalidOperationException($"An answer may name at most {MaxCaseIds} cases in its access-log entry.");
        }
    }

    public void AddCases(IEnumerable<Guid> caseIds)
    {
        foreach (var caseId in caseIds)
        {
            AddCase(caseId);
        }
    }
}

public sealed class AccessLogUnavailableException(Exception inner)
    : Exception("The access-log entry could not be written.", inner);
