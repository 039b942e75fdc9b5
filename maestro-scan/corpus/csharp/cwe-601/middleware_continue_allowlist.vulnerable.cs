using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Portal.Middleware
{
    public class ContinueMiddleware
    {
        private static readonly HashSet<string> Pages = new HashSet<string> { "/inbox", "/reports", "/settings" };
        private readonly RequestDelegate _next;

        public ContinueMiddleware(RequestDelegate next)
        {
            _next = next;
        }

        public Task InvokeAsync(HttpContext context)
        {
            if (context.Request.Path == "/continue")
            {
                string target = context.Request.Query["to"];
                context.Response.Redirect(string.IsNullOrEmpty(target) ? "/inbox" : target);
                return Task.CompletedTask;
            }
            return _next(context);
        }
    }
}
