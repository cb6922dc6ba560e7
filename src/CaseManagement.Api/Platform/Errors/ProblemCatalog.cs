using System.Globalization;

namespace CaseManagement.Api.Platform.Errors;

/// <summary>
/// English and Vietnamese title and detail for every stable code. Detail templates take only non-protected
/// arguments (dates, counts, codes).
/// </summary>
public static class ProblemCatalog
{
    public sealed record Text(string Title, string Detail);

    public sealed record Entry(Text En, Text Vi);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        [ProblemCodes.ValidationFailed] = new(
            new("The request is not valid", "One or more fields are missing or not valid; see errors."),
            new("Yêu cầu không hợp lệ", "Một hoặc nhiều trường bị thiếu hoặc không hợp lệ; xem errors.")),
        [ProblemCodes.RequestMalformed] = new(
            new("The request body cannot be read", "The body is not valid JSON of the expected shape; see errors."),
            new("Không đọc được nội dung yêu cầu", "Nội dung không phải JSON hợp lệ theo đúng cấu trúc; xem errors.")),
        [ProblemCodes.Unauthenticated] = new(
            new("Authentication required", "A valid bearer token is required."),
            new("Cần xác thực", "Cần một bearer token hợp lệ.")),
        [ProblemCodes.Forbidden] = new(
            new("Not allowed", "Your role may not perform this operation."),
            new("Không được phép", "Vai trò của bạn không được thực hiện thao tác này.")),
        [ProblemCodes.CaseNotFound] = new(
            new("Case not found", "No case with this id is within your scope."),
            new("Không tìm thấy vụ việc", "Không có vụ việc nào với mã này trong phạm vi của bạn.")),
        [ProblemCodes.NotFound] = new(
            new("Not found", "The resource does not exist."),
            new("Không tìm thấy", "Tài nguyên không tồn tại.")),
        [ProblemCodes.MethodNotAllowed] = new(
            new("Method not allowed", "This resource does not accept this method."),
            new("Phương thức không được hỗ trợ", "Tài nguyên này không chấp nhận phương thức này.")),
        [ProblemCodes.UnsupportedMediaType] = new(
            new("Unsupported media type", "Send the body as application/json."),
            new("Kiểu nội dung không được hỗ trợ", "Hãy gửi nội dung dạng application/json.")),
        [ProblemCodes.PayloadTooLarge] = new(
            new("Request too large", "The request body is larger than allowed."),
            new("Yêu cầu quá lớn", "Nội dung yêu cầu vượt quá giới hạn cho phép.")),
        [ProblemCodes.HeadersTooLarge] = new(
            new("Request headers too large", "The request's headers are larger than allowed."),
            new("Tiêu đề yêu cầu quá lớn", "Phần tiêu đề của yêu cầu vượt quá giới hạn cho phép.")),
        [ProblemCodes.RateLimited] = new(
            new("Too many requests", "Slow down and retry after the time in Retry-After."),
            new("Quá nhiều yêu cầu", "Hãy thử lại sau khoảng thời gian trong Retry-After.")),
        [ProblemCodes.ServiceUnavailable] = new(
            new("Service unavailable", "The database is not reachable; retry after the time in Retry-After."),
            new("Dịch vụ tạm thời không khả dụng", "Không kết nối được cơ sở dữ liệu; hãy thử lại sau khoảng thời gian trong Retry-After.")),
        [ProblemCodes.AuditUnavailable] = new(
            new("Access log unavailable", "The request was not carried out because its access-log entry could not be written."),
            new("Nhật ký truy cập không khả dụng", "Yêu cầu không được thực hiện vì không ghi được nhật ký truy cập.")),
        [ProblemCodes.Internal] = new(
            new("Unexpected error", "The request failed; quote the traceId when reporting it."),
            new("Lỗi không mong muốn", "Yêu cầu thất bại; hãy cung cấp traceId khi báo lỗi.")),
        [ProblemCodes.VersionRequired] = new(
            new("Case version required", "Send If-Match with the case version you last read."),
            new("Cần phiên bản của vụ việc", "Hãy gửi If-Match với phiên bản vụ việc bạn đọc gần nhất.")),
        [ProblemCodes.VersionMismatch] = new(
            new("Case has changed", "The case is now at version {0}; read it again and retry."),
            new("Vụ việc đã thay đổi", "Vụ việc hiện ở phiên bản {0}; hãy đọc lại và thử lại.")),
        [ProblemCodes.IdempotencyKeyReused] = new(
            new("Idempotency key reused", "This Idempotency-Key was used with a different request body."),
            new("Khóa Idempotency-Key bị dùng lại", "Khóa Idempotency-Key này đã được dùng với nội dung yêu cầu khác.")),
        [ProblemCodes.IdempotencyInProgress] = new(
            new("Request with this key in progress", "Another request with this Idempotency-Key is being answered; retry shortly to get its answer."),
            new("Yêu cầu cùng khóa đang được xử lý", "Một yêu cầu khác với khóa Idempotency-Key này đang được xử lý; hãy thử lại sau giây lát để nhận kết quả.")),
    };

    private static readonly Lazy<IReadOnlyDictionary<string, Entry>> All = new(() =>
    {
        // Each feature area declares its own codes in a class implementing IProblemTexts.
        var all = new Dictionary<string, Entry>(Entries, StringComparer.Ordinal);
        foreach (var type in typeof(ProblemCatalog).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IProblemTexts).IsAssignableFrom(t)))
        {
            foreach (var (code, entry) in ((IProblemTexts)Activator.CreateInstance(type)!).Texts)
            {
                if (!all.TryAdd(code, entry))
                {
                    throw new InvalidOperationException($"Problem code {code} is declared twice.");
                }
            }
        }
        return all;
    });

    public static bool IsKnown(string code) => All.Value.ContainsKey(code);

    public static IReadOnlyCollection<string> Codes => All.Value.Keys.ToList();

    public static Text Describe(string code, bool vietnamese, object[] args)
    {
        var entry = All.Value.TryGetValue(code, out var e) ? e : All.Value[ProblemCodes.Internal];
        var text = vietnamese ? entry.Vi : entry.En;
        return args.Length == 0 ? text : text with { Detail = string.Format(CultureInfo.InvariantCulture, text.Detail, args) };
    }
}

/// <summary>A feature area's problem codes with their English and Vietnamese texts.</summary>
public interface IProblemTexts
{
    IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; }
}
