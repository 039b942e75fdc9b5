using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.Controllers
{
    [ApiController]
    public class CatalogImportController : ControllerBase
    {
        [HttpPost("api/catalog/import")]
        public IActionResult Import(IFormFile catalog)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Parse,
                XmlResolver = new XmlUrlResolver()
            };
            int items = 0;
            using (var reader = XmlReader.Create(catalog.OpenReadStream(), settings))
            {
                while (reader.ReadToFollowing("item")) items++;
            }
            return Ok(items);
        }
    }
}
