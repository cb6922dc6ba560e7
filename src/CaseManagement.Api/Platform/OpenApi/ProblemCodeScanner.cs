using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using CaseManagement.Api.Platform.Errors;

namespace CaseManagement.Api.Platform.OpenApi;

/// <summary>
/// The problems an endpoint can answer, read from its compiled code: starting at the endpoint's method, it follows the
/// calls into the features (and from a message created there to its handler and validator), and collects each problem
/// code loaded as a constant together with the status it is thrown with (<c>Problems.Conflict(code)</c> is 409,
/// <c>new AppProblem(403, code)</c> is 403). Reading the code, not a list kept beside it, is what keeps the document's
/// codes from drifting; the conformance check (every code the suite receives is listed) catches what this misses.
/// Platform codes (validation, authentication, idempotency, limits) come from the statuses the operation documents.
/// </summary>
public static class ProblemCodeScanner
{
    /// <summary>The features' namespace, beside Platform's (named, not referenced: Platform does not depend on them).</summary>
    private static readonly string FeaturesNamespace =
        typeof(ProblemCodeScanner).Namespace![..typeof(ProblemCodeScanner).Namespace!.IndexOf(".Platform", StringComparison.Ordinal)] + ".Features";

    private static readonly OpCode[] OneByte = new OpCode[0x100];
    private static readonly OpCode[] TwoByte = new OpCode[0x100];

    static ProblemCodeScanner()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (value < 0x100)
            {
                OneByte[value] = code;
            }
            else if ((value & 0xff00) == 0xfe00)
            {
                TwoByte[value & 0xff] = code;
            }
        }
    }

    /// <summary>Status → codes that the code reachable from <paramref name="endpoint"/> throws.</summary>
    public static IReadOnlyDictionary<int, SortedSet<string>> Scan(MethodInfo endpoint)
    {
        var found = new Dictionary<int, SortedSet<string>>();
        var seen = new HashSet<MethodBase>();
        var work = new Queue<MethodBase>();
        work.Enqueue(endpoint);
        while (work.TryDequeue(out var method))
        {
            if (!seen.Add(method))
            {
                continue;
            }
            if (method.GetCustomAttribute<StateMachineAttribute>() is { StateMachineType: { } machine }
                && machine.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public) is { } moveNext)
            {
                work.Enqueue(moveNext);
            }
            ScanBody(method, found, work);
        }
        return found;
    }

    private static void ScanBody(MethodBase method, Dictionary<int, SortedSet<string>> found, Queue<MethodBase> work)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (InvalidOperationException)
        {
            return;
        }
        if (il is null)
        {
            return;
        }
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } generic ? generic.GetGenericArguments() : null;
        var pending = new List<(string Code, int? Status, int At)>();
        int? lastInt = null;
        var position = 0;
        var index = 0;
        while (position < il.Length)
        {
            index++;
            OpCode op;
            var b = il[position++];
            if (b == 0xfe)
            {
                op = TwoByte[il[position++]];
            }
            else
            {
                op = OneByte[b];
            }
            var operandAt = position;
            position += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, operandAt)),
                _ => 4,
            };
            if (op == OpCodes.Ldc_I4_S)
            {
                lastInt = (sbyte)il[operandAt];
            }
            else if (op == OpCodes.Ldc_I4)
            {
                lastInt = BitConverter.ToInt32(il, operandAt);
            }
            else if (op == OpCodes.Ldstr)
            {
                var text = module.ResolveString(BitConverter.ToInt32(il, operandAt));
                if (ProblemCatalog.IsKnown(text))
                {
                    pending.Add((text, lastInt is >= 400 and < 600 ? lastInt : null, index));
                }
            }
            else if (op == OpCodes.Call || op == OpCodes.Callvirt || op == OpCodes.Newobj || op == OpCodes.Ldftn)
            {
                MethodBase? target;
                try
                {
                    target = module.ResolveMethod(BitConverter.ToInt32(il, operandAt), typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    continue;
                }
                if (target is null)
                {
                    continue;
                }
                Called(target, pending, found, work);
            }
            // A code loaded far from any throw is text of another kind.
            pending.RemoveAll(p => index - p.At > 60);
        }
    }

    private static void Called(MethodBase target, List<(string Code, int? Status, int At)> pending, Dictionary<int, SortedSet<string>> found, Queue<MethodBase> work)
    {
        var type = target.DeclaringType;
        if (type == typeof(Problems))
        {
            int? status = target.Name switch
            {
                nameof(Problems.Conflict) => StatusCodes.Status409Conflict,
                nameof(Problems.Unprocessable) => StatusCodes.Status422UnprocessableEntity,
                nameof(Problems.Forbidden) => StatusCodes.Status403Forbidden,
                nameof(Problems.NotFound) => StatusCodes.Status404NotFound,
                _ => null,
            };
            switch (target.Name)
            {
                case nameof(Problems.CaseNotFound):
                    Add(found, StatusCodes.Status404NotFound, ProblemCodes.CaseNotFound);
                    break;
                case nameof(Problems.Forbidden) when target.GetParameters().Length == 0:
                    Add(found, StatusCodes.Status403Forbidden, ProblemCodes.Forbidden);
                    break;
                case nameof(Problems.Validation):
                    Add(found, StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed);
                    break;
                case nameof(Problems.MalformedBody):
                    Add(found, StatusCodes.Status400BadRequest, ProblemCodes.RequestMalformed);
                    break;
            }
            if (status is { } s)
            {
                foreach (var (code, _, _) in pending)
                {
                    Add(found, s, code);
                }
                pending.Clear();
            }
            return;
        }
        if (type == typeof(AppProblem) && target.IsConstructor)
        {
            foreach (var (code, status, _) in pending)
            {
                if (status is { } s)
                {
                    Add(found, s, code);
                }
            }
            pending.Clear();
            return;
        }
        if (type is null || type.Assembly != typeof(ProblemCodeScanner).Assembly)
        {
            return;
        }
        if (type.Namespace?.StartsWith(FeaturesNamespace, StringComparison.Ordinal) == true)
        {
            work.Enqueue(target);
        }
        if (target.IsConstructor && IsMessage(type))
        {
            foreach (var method in HandlersOf(type))
            {
                work.Enqueue(method);
            }
        }
    }

    private static bool IsMessage(Type type) =>
        type.GetInterfaces().Any(i => i.FullName == "Mediator.IMessage" || i.Name.StartsWith("IBaseRequest", StringComparison.Ordinal));

    /// <summary>The methods of the types that handle or validate the message: its handler's and its validator's.</summary>
    private static IEnumerable<MethodBase> HandlersOf(Type message) =>
        HandlerTypes.Value.Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericArguments()[0] == message
                && (i.Name.Contains("Handler", StringComparison.Ordinal) || i.GetGenericTypeDefinition() == typeof(Pipeline.IValidator<>))))
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Cast<MethodBase>().Concat(t.GetConstructors()));

    private static readonly Lazy<List<Type>> HandlerTypes = new(() => typeof(ProblemCodeScanner).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace?.StartsWith(FeaturesNamespace, StringComparison.Ordinal) == true)
        .ToList());

    private static void Add(Dictionary<int, SortedSet<string>> found, int status, string code)
    {
        if (!found.TryGetValue(status, out var codes))
        {
            found[status] = codes = new SortedSet<string>(StringComparer.Ordinal);
        }
        codes.Add(code);
    }
}
