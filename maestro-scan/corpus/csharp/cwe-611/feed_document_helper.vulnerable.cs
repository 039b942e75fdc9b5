using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace Feeds.Controllers
{
    [ApiController]
    public class FeedSubmitController : ControllerBase
    {
        private static XmlDocument NewFeedDocument()
        {
            return new XmlDocument { XmlResolver = new XmlUrlResolver(), PreserveWhitespace = false };
        }

        [HttpPost("api/feeds")]
        public IActionResult Submit([FromForm] string feed)
        {
            XmlDocument doc = NewFeedDocument();
            doc.LoadXml(feed);
            return Ok(doc.DocumentElement.GetAttribute("title"));
        }
    }
}
