using System.Security.Cryptography;

namespace CaseManagement.Api.Platform.Security;

/// <summary>Secrets generated on first start into the data directory, readable by the service's user only.</summary>
public static class KeyFile
{
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The data directory is readable by the service's user only (0700): it holds the database and the keys. A new one
    /// is created so; an existing one that others may enter is tightened, and when that is not possible (another
    /// owner) the service refuses to start and says why.
    /// </summary>
    public static void EnsurePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, PrivateDirectoryMode);
        }
        Tighten(directory, PrivateDirectoryMode);
    }

    /// <summary>A file of the data directory (the database, its WAL, a key): 0600 whatever it was.</summary>
    public static void EnsurePrivateFile(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            Tighten(path, PrivateFileMode);
        }
    }

    private static void Tighten(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var current = File.GetUnixFileMode(path);
        if (current == mode)
        {
            return;
        }
        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new InvalidOperationException(
                $"{path} is mode {Octal(current)} and cannot be changed to {Octal(mode)} by this user: it holds the children's "
                + "data or its keys. Give the service's user ownership of it, or set Storage:DataDirectory to a directory of its own.", ex);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    public static byte[] LoadOrCreate(string directory, string fileName, int bytes)
    {
        EnsurePrivateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            EnsurePrivateFile(path);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        var key = RandomNumberGenerator.GetBytes(bytes);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
        }
        try
        {
            // Two processes starting at once: the first to move its file in wins, the other reads it.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
