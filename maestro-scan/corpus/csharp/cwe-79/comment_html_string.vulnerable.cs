using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace Blog.Controllers
{
    public class CommentViewModel
    {
        public string Author { get; set; }
        public IHtmlContent Body { get; set; }
    }

    public class CommentsController : Controller
    {
        [HttpPost("/comments/preview")]
        public IActionResult Preview([FromForm] string author, [FromForm] string body)
        {
            var vm = new CommentViewModel { Author = author, Body = new HtmlString(body) };
            return View("Preview", vm);
        }
    }
}
