using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Reviews
{
    public static class ReviewEndpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapPost("/reviews/preview", (HttpRequest request) =>
            {
                string review = request.Form["review"];
                // review text is encoded before it is written into the markup
                string html = string.Format("<article><p>{0}</p></article>", HtmlEncoder.Default.Encode(review));
                return Results.Content(html, "text/html");
            });
        }
    }
}
