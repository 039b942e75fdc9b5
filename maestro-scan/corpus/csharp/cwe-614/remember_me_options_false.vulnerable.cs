using System;
using Microsoft.AspNetCore.Http;

namespace Identity
{
    public class RememberMeWriter
    {
        public void Write(HttpResponse response, string token)
        {
            var options = new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddDays(30),
                HttpOnly = false,
                Secure = false
            };
            response.Cookies.Append("remember_me", token, options);
        }
    }
}
