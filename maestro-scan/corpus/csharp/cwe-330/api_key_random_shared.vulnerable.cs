using System;

namespace Keys
{
    public static class ApiKeyGenerator
    {
        public static string Generate(string prefix)
        {
            var buffer = new byte[24];
            Random.Shared.NextBytes(buffer);
            return prefix + "_" + Convert.ToHexString(buffer).ToLowerInvariant();
        }
    }
}
