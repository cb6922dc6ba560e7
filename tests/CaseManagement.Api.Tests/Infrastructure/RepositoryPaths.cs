namespace CaseManagement.Api.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The checkout's root: the folder holding CaseManagement.sln above the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaseManagement.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CaseManagement.sln not found above the test binaries.");
    }

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);
}
