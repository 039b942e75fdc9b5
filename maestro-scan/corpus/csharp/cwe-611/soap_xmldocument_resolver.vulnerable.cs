using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace Soap.Controllers
{
    [ApiController]
    public class SoapEndpointController : ControllerBase
    {
        [HttpPost("soap/endpoint")]
        public IActionResult Post()
        {
            var envelope = new XmlDocument();
            envelope.XmlResolver = new XmlUrlResolver();
            envelope.Load(Request.Body);
            return Content("<ok op=\"" + envelope.DocumentElement.LocalName + "\"/>", "text/xml");
        }
    }
}
