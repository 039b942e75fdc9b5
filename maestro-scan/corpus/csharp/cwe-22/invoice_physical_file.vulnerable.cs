using System.IO;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Controllers
{
    [ApiController]
    public class InvoiceFileController : ControllerBase
    {
        private const string InvoiceRoot = "/srv/app/invoices";

        [HttpGet("api/invoices/download")]
        public IActionResult Download([FromQuery] string file)
        {
            string path = Path.Combine(InvoiceRoot, file);
            return PhysicalFile(path, "application/pdf");
        }
    }
}
