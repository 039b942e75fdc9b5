using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Search.Endpoints
{
    public static class SearchPage
    {
        public static async Task Render(HttpContext context)
        {
            string q = WebUtility.HtmlEncode(context.Request.Query["q"]);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"<p>No results for <b>{q}</b></p>");
        }
    }
}
