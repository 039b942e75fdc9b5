using Microsoft.AspNetCore.Mvc;
using Newtonsoft.Json;

namespace Events.Controllers
{
    [ApiController]
    public class EventIngestController : ControllerBase
    {
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            TypeNameHandling = TypeNameHandling.None
        };

        [HttpPost("api/events")]
        public IActionResult Ingest([FromBody] string json)
        {
            object evt = JsonConvert.DeserializeObject(json, Settings);
            return Ok(evt.GetType().Name);
        }
    }
}
