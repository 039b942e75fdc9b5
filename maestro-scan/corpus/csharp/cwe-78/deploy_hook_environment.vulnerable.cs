using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Deploy.Agent
{
    public class PostDeployHook
    {
        private static readonly Dictionary<string, string> Hooks = new Dictionary<string, string>
        {
            ["reload-nginx"] = "/usr/local/bin/reload-nginx",
            ["warm-cache"] = "/usr/local/bin/warm-cache"
        };

        public int Run()
        {
            string hook = Environment.GetEnvironmentVariable("POST_DEPLOY_HOOK") ?? "warm-cache";
            var proc = Process.Start("/bin/sh", "-c " + hook);
            proc.WaitForExit(30000);
            return proc.ExitCode;
        }
    }
}
