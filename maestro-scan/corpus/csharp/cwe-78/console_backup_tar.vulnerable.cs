using System;
using System.Diagnostics;

namespace Backup.Tool
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length < 1)
            {
                Console.Error.WriteLine("usage: backup <directory>");
                return 2;
            }
            string dir = args[0];
            var p = Process.Start("sh", $"-c \"tar czf /var/backups/site.tgz {dir}\"");
            p.WaitForExit();
            return p.ExitCode;
        }
    }
}
