<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Support\Facades\DB;

class OrderController extends Controller
{
    public function byStatus(Request $request)
    {
        $status = $request->input('status');
        $orders = DB::select('SELECT id, total FROM orders WHERE status = ? ORDER BY created_at DESC', [$status]);
        return response()->json($orders);
    }
}
