using System;
using Microsoft.AspNetCore.Http;

namespace Sessions
{
    public static class SessionIssuer
    {
        private static readonly Random Rng = new Random();

        public static string NewSessionId()
        {
            var bytes = new byte[32];
            Rng.NextBytes(bytes);
            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        public static void Issue(HttpResponse response)
        {
            response.Cookies.Append("sid", NewSessionId(), new CookieOptions { Secure = true, HttpOnly = true });
        }
    }
}
