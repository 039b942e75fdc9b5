using System.IO;
using System.Xml;
using System.Xml.Xsl;
using Microsoft.AspNetCore.Mvc;

namespace Reports.Controllers
{
    [ApiController]
    public class ReportRenderController : ControllerBase
    {
        private static readonly XslCompiledTransform Xslt = LoadXslt();

        private static XslCompiledTransform LoadXslt()
        {
            var t = new XslCompiledTransform();
            t.Load("report.xsl");
            return t;
        }

        [HttpPost("api/reports/render")]
        public IActionResult Render()
        {
            var settings = new XmlReaderSettings();
            settings.DtdProcessing = DtdProcessing.Parse;
            settings.XmlResolver = new XmlUrlResolver();
            var output = new StringWriter();
            Xslt.Transform(XmlReader.Create(Request.Body, settings), null, output);
            return Content(output.ToString(), "text/plain");
        }
    }
}
