using System.Collections.Generic;
using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace Feeds.Controllers
{
    [ApiController]
    public class FeedController : ControllerBase
    {
        private static readonly Dictionary<string, string> Categories = new Dictionary<string, string>
        {
            ["news"] = "news", ["sport"] = "sport", ["tech"] = "tech"
        };
        private readonly XmlDocument _feed;

        public FeedController(XmlDocument feed)
        {
            _feed = feed;
        }

        private static string TopTitle(string category)
        {
            string known;
            if (!Categories.TryGetValue(category, out known))
            {
                known = "news";
            }
            return "//item[category='" + known + "'][1]/title";
        }

        [HttpGet("api/feed/top")]
        public IActionResult Top()
        {
            string category = Request.Cookies["category"] ?? "news";
            return Ok(_feed.SelectSingleNode(TopTitle(category))?.InnerText);
        }
    }
}
