using System;
using System.IO;
using System.Security.Cryptography;

namespace Plugins
{
    public class PluginVerifier
    {
        public bool Verify(string packagePath, string publishedDigest)
        {
            using (var stream = File.OpenRead(packagePath))
            using (var sha = SHA256.Create())
            {
                string actual = Convert.ToHexString(sha.ComputeHash(stream));
                return string.Equals(actual, publishedDigest, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
