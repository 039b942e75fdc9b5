<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class ExportDownloadController extends Controller
{
    public function __invoke(Request $request, string $filename)
    {
        $path = storage_path('app/exports/' . $filename);
        abort_unless(is_file($path), 404);
        return response()->download($path);
    }
}
