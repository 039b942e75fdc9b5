using Microsoft.AspNetCore.Http;

namespace Tokens
{
    public class RefreshCookieWriter
    {
        public void Write(HttpResponse response, string refreshToken)
        {
            var options = new CookieOptions();
            options.Path = "/auth/refresh";
            options.HttpOnly = true;
            options.SameSite = SameSiteMode.Strict;
            response.Cookies.Append("refresh_token", refreshToken, options);
        }
    }
}
