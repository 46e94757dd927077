namespace Wayfinder.Evidence.Store;

/// <summary>
/// The one writer of a store folder across processes: <c>STORE.lock</c> beside the folder, held open with no sharing
/// for as long as an import or a compaction writes. The operating system releases it when the process ends, even by
/// a crash, so a leftover file locks nothing.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    /// <summary>Said when another process holds the lock.</summary>
    public const string Busy = "another import or compaction is running on this store; try again when it has finished";

    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    /// <summary>The lock of the store in <paramref name="folder"/>, or null when another writer holds it.</summary>
    public static StoreLock? TryTake(string folder)
    {
        var path = PathOf(folder);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The lock file of the store in <paramref name="folder"/>: in its parent, so that swapping the folder keeps it.</summary>
    public static string PathOf(string folder) => folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + ".lock";

    public void Dispose() => _file.Dispose();
}
