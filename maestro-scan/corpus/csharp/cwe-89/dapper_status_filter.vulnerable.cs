using System.Collections.Generic;
using System.Data;
using Dapper;
using Microsoft.AspNetCore.Mvc;

namespace Support.Api
{
    public class Ticket
    {
        public int Id { get; set; }
        public string Subject { get; set; }
    }

    [ApiController]
    [Route("api/tickets")]
    public class TicketsController : ControllerBase
    {
        private readonly IDbConnection _db;

        public TicketsController(IDbConnection db)
        {
            _db = db;
        }

        [HttpGet]
        public IEnumerable<Ticket> List([FromQuery] string status)
        {
            return _db.Query<Ticket>("SELECT Id, Subject FROM Tickets WHERE Status = '" + status + "'");
        }
    }
}
