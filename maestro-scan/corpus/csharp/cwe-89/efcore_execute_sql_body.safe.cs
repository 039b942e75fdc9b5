using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Sessions.Api
{
    public class PurgeRequest
    {
        public string UserId { get; set; }
    }

    [ApiController]
    public class SessionPurgeController : ControllerBase
    {
        private readonly AppDbContext _db;

        public SessionPurgeController(AppDbContext db)
        {
            _db = db;
        }

        [HttpPost("api/sessions/purge")]
        public async Task<IActionResult> Purge([FromBody] PurgeRequest req)
        {
            int n = await _db.Database.ExecuteSqlRawAsync("DELETE FROM Sessions WHERE UserId = {0}", req.UserId);
            return Ok(n);
        }
    }
}
