using System;
using System.IO;
using System.IO.Compression;

namespace Importer
{
    public class BundleExtractor
    {
        public void Extract(Stream upload, string destination)
        {
            string root = Path.GetFullPath(destination);
            using (var archive = new ZipArchive(upload, ZipArchiveMode.Read))
            {
                foreach (ZipArchiveEntry entry in archive.Entries)
                {
                    string target = Path.GetFullPath(Path.Combine(root, entry.FullName));
                    if (string.IsNullOrEmpty(entry.Name))
                    {
                        Directory.CreateDirectory(target);
                        continue;
                    }
                    entry.ExtractToFile(target, overwrite: true);
                }
            }
        }
    }
}
