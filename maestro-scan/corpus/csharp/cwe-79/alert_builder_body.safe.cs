using System.Text;
using System.Web;
using Microsoft.AspNetCore.Mvc;

namespace Alerts.Controllers
{
    public class Alert
    {
        public string Title { get; set; }
        public string Message { get; set; }
    }

    public class AlertPreviewController : Controller
    {
        private static string Render(Alert a)
        {
            var sb = new StringBuilder("<div class=\"alert\"><strong>");
            sb.Append(HttpUtility.HtmlEncode(a.Title)).Append("</strong> ");
            sb.Append(HttpUtility.HtmlEncode(a.Message)).Append("</div>");
            return sb.ToString();
        }

        [HttpPost("/alerts/preview")]
        public IActionResult Preview([FromBody] Alert alert)
        {
            return Content(Render(alert), "text/html");
        }
    }
}
