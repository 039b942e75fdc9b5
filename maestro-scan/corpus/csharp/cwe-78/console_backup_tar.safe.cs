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
            var psi = new ProcessStartInfo("tar");
            foreach (var a in new[] { "czf", "/var/backups/site.tgz", "--", dir }) psi.ArgumentList.Add(a);
            var p = Process.Start(psi);
            p.WaitForExit();
            return p.ExitCode;
        }
    }
}
