using System.Xml;
using System.Xml.XPath;
using Microsoft.AspNetCore.Mvc;

namespace Metadata.Controllers
{
    [ApiController]
    public class MetadataController : ControllerBase
    {
        [HttpPost("api/metadata/title")]
        public IActionResult Title()
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
            var doc = new XPathDocument(XmlReader.Create(Request.Body, settings));
            return Ok(doc.CreateNavigator().Evaluate("string(/metadata/title)"));
        }
    }
}
