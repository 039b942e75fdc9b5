using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Controllers
{
    public class LayoutController : Controller
    {
        [HttpPost("/dashboard/layout")]
        public IActionResult Save([FromQuery] int columns)
        {
            string layout = "{\"columns\":" + columns + ",\"widgets\":[\"inbox\",\"calendar\"]}";
            HttpContext.Session.Set("Layout", Encoding.UTF8.GetBytes(layout));
            return NoContent();
        }
    }
}
