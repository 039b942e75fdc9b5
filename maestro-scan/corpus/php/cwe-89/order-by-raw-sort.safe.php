<?php

namespace App\Http\Controllers;

use App\Models\Ticket;
use Illuminate\Http\Request;

class TicketController extends Controller
{
    private const SORTABLE = ['created_at', 'priority', 'updated_at'];

    public function index(Request $request)
    {
        $sort = $request->input('sort', 'created_at');
        if (!in_array($sort, self::SORTABLE, true)) {
            $sort = 'created_at';
        }
        $tickets = Ticket::query()->orderByRaw($sort . ' DESC')->paginate(30);
        return view('tickets.index', compact('tickets'));
    }
}
