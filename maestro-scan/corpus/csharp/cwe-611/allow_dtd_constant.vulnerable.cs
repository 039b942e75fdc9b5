using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Invoices.Controllers
{
    [ApiController]
    public class InvoiceValidationController : ControllerBase
    {
        private const bool AllowDtd = true;

        [HttpPost("api/invoices/validate")]
        public IActionResult Validate(IFormFile invoice)
        {
            var settings = new XmlReaderSettings();
            settings.DtdProcessing = AllowDtd ? DtdProcessing.Parse : DtdProcessing.Prohibit;
            settings.XmlResolver = new XmlUrlResolver();
            var doc = new XmlDocument();
            doc.Load(XmlReader.Create(invoice.OpenReadStream(), settings));
            return Ok(doc.DocumentElement.Name);
        }
    }
}
