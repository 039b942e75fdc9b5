using Microsoft.AspNetCore.Mvc;
using RazorEngine;
using RazorEngine.Templating;

namespace Mail.Controllers
{
    public class PreviewModel
    {
        public string Name { get; set; }
        public string Body { get; set; }
    }

    [ApiController]
    public class MailPreviewController : ControllerBase
    {
        [HttpPost("api/mail/preview")]
        public IActionResult Preview([FromForm] string template)
        {
            var model = new PreviewModel { Name = "Ada", Body = template };
            string html = Engine.Razor.RunCompile("<p>Hello @Model.Name</p><div>@Model.Body</div>", "preview",
                typeof(PreviewModel), model);
            return Content(html, "text/html");
        }
    }
}
