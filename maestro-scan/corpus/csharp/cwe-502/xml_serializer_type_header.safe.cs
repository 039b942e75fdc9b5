using System;
using System.Xml.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Documents.Controllers
{
    public class Invoice
    {
        public string Number { get; set; }
        public decimal Total { get; set; }
    }

    [ApiController]
    public class DocumentImportController : ControllerBase
    {
        [HttpPost("api/documents/import")]
        public IActionResult Import([FromHeader(Name = "X-Document-Type")] string documentType)
        {
            var serializer = new XmlSerializer(typeof(Invoice));
            object doc = serializer.Deserialize(Request.Body);
            return Ok(doc.ToString());
        }
    }
}
