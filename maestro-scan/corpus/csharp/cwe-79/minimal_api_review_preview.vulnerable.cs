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
                string html = string.Format("<article><p>{0}</p></article>", review);
                return Results.Content(html, "text/html");
            });
        }
    }
}
