using System.IO;
using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace Orders.Controllers
{
    [ApiController]
    public class OrderXmlController : ControllerBase
    {
        [HttpPost("api/orders/xml")]
        public IActionResult Create([FromBody] string xml)
        {
            var reader = new XmlTextReader(new StringReader(xml));
            reader.DtdProcessing = DtdProcessing.Prohibit;
            var skus = new System.Collections.Generic.List<string>();
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Name == "sku") skus.Add(reader.ReadElementContentAsString());
            }
            return Ok(skus);
        }
    }
}
