using System;
using System.Security.Cryptography;

namespace Keys
{
    public static class ApiKeyGenerator
    {
        public static string Generate(string prefix)
        {
            var buffer = RandomNumberGenerator.GetBytes(24);
            return prefix + "_" + Convert.ToHexString(buffer).ToLowerInvariant();
        }
    }
}
